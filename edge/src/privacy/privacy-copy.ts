/** The visitor's privacy page in the languages Waymark ships; English is the fallback. */
export const PRIVACY_COPY = {
  en: {
    title: "Your privacy on this site",
    intro:
      "This site personalizes some pages with Waymark, based on what you do here (pages viewed, items in your cart). You decide whether that happens.",
    storedHeading: "What is stored about this browser",
    optedOut: "You have opted out: nothing is stored and nothing is personalized for this browser.",
    anonymous:
      "Nothing is stored: this browser has not given consent (or sends Global Privacy Control). Pages may still be adapted to the current request only, such as the device.",
    nothing: "Nothing is stored about this browser yet.",
    stored: (events: number, journeys: number) =>
      `An anonymous id in a first-party cookie, ${events} recent ${events === 1 ? "event" : "events"} and your progress in ${journeys} ${journeys === 1 ? "journey" : "journeys"}.`,
    linked: "This browser is linked to your customer account.",
    unavailable: "What is stored cannot be read right now. The buttons below still work.",
    choicesHeading: "Your choices",
    optOut: "Opt out",
    optOutHint: "Erases what is stored and stops personalization and tracking in this browser.",
    optIn: "Opt in again",
    optInHint: "Personalization starts again, with a fresh anonymous id.",
    erase: "Erase my data",
    eraseHint: "Erases what is stored now; personalization continues with a fresh anonymous id.",
    done: {
      "opt-out": "Done: you have opted out and what was stored is erased.",
      "opt-in": "Done: you have opted in again.",
      erase: "Done: what was stored about this browser is erased.",
    },
    back: "Back to the site",
  },
  de: {
    title: "Ihre Privatsphäre auf dieser Website",
    intro:
      "Diese Website personalisiert einige Seiten mit Waymark, je nachdem, was Sie hier tun (besuchte Seiten, Artikel im Warenkorb). Sie entscheiden, ob das geschieht.",
    storedHeading: "Was über diesen Browser gespeichert ist",
    optedOut: "Sie haben widersprochen: Für diesen Browser wird nichts gespeichert und nichts personalisiert.",
    anonymous:
      "Es wird nichts gespeichert: Dieser Browser hat nicht eingewilligt (oder sendet Global Privacy Control). Seiten können nur an die aktuelle Anfrage angepasst werden, etwa an das Gerät.",
    nothing: "Über diesen Browser ist noch nichts gespeichert.",
    stored: (events: number, journeys: number) =>
      `Eine anonyme Kennung in einem Erstanbieter-Cookie, ${events} ${events === 1 ? "letztes Ereignis" : "letzte Ereignisse"} und Ihr Fortschritt in ${journeys} ${journeys === 1 ? "Journey" : "Journeys"}.`,
    linked: "Dieser Browser ist mit Ihrem Kundenkonto verknüpft.",
    unavailable:
      "Die gespeicherten Daten können gerade nicht gelesen werden. Die Schaltflächen funktionieren trotzdem.",
    choicesHeading: "Ihre Wahl",
    optOut: "Widersprechen",
    optOutHint: "Löscht die gespeicherten Daten und beendet Personalisierung und Tracking in diesem Browser.",
    optIn: "Wieder zulassen",
    optInHint: "Die Personalisierung beginnt erneut, mit einer neuen anonymen Kennung.",
    erase: "Meine Daten löschen",
    eraseHint: "Löscht die gespeicherten Daten; die Personalisierung geht mit einer neuen anonymen Kennung weiter.",
    done: {
      "opt-out": "Erledigt: Sie haben widersprochen, die gespeicherten Daten sind gelöscht.",
      "opt-in": "Erledigt: Sie haben die Personalisierung wieder zugelassen.",
      erase: "Erledigt: Die über diesen Browser gespeicherten Daten sind gelöscht.",
    },
    back: "Zurück zur Website",
  },
  fr: {
    title: "Votre vie privée sur ce site",
    intro:
      "Ce site personnalise certaines pages avec Waymark, selon ce que vous y faites (pages vues, articles du panier). Vous décidez si cela a lieu.",
    storedHeading: "Ce qui est enregistré pour ce navigateur",
    optedOut: "Vous vous êtes opposé : rien n'est enregistré ni personnalisé pour ce navigateur.",
    anonymous:
      "Rien n'est enregistré : ce navigateur n'a pas donné son consentement (ou envoie Global Privacy Control). Les pages peuvent seulement s'adapter à la requête en cours, par exemple à l'appareil.",
    nothing: "Rien n'est encore enregistré pour ce navigateur.",
    stored: (events: number, journeys: number) =>
      `Un identifiant anonyme dans un cookie propriétaire, ${events} ${events === 1 ? "événement récent" : "événements récents"} et votre progression dans ${journeys} ${journeys === 1 ? "parcours" : "parcours"}.`,
    linked: "Ce navigateur est lié à votre compte client.",
    unavailable: "Les données enregistrées ne peuvent pas être lues pour le moment. Les boutons fonctionnent toujours.",
    choicesHeading: "Vos choix",
    optOut: "M'opposer",
    optOutHint: "Efface ce qui est enregistré et arrête la personnalisation et le suivi dans ce navigateur.",
    optIn: "Accepter à nouveau",
    optInHint: "La personnalisation reprend, avec un nouvel identifiant anonyme.",
    erase: "Effacer mes données",
    eraseHint: "Efface ce qui est enregistré ; la personnalisation continue avec un nouvel identifiant anonyme.",
    done: {
      "opt-out": "C'est fait : vous vous êtes opposé et les données enregistrées sont effacées.",
      "opt-in": "C'est fait : vous avez accepté à nouveau.",
      erase: "C'est fait : les données enregistrées pour ce navigateur sont effacées.",
    },
    back: "Retour au site",
  },
  es: {
    title: "Tu privacidad en este sitio",
    intro:
      "Este sitio personaliza algunas páginas con Waymark, según lo que haces aquí (páginas vistas, artículos en tu carrito). Tú decides si eso ocurre.",
    storedHeading: "Qué se guarda sobre este navegador",
    optedOut: "Te has opuesto: no se guarda ni se personaliza nada para este navegador.",
    anonymous:
      "No se guarda nada: este navegador no ha dado su consentimiento (o envía Global Privacy Control). Las páginas solo pueden adaptarse a la petición actual, como el dispositivo.",
    nothing: "Todavía no se guarda nada sobre este navegador.",
    stored: (events: number, journeys: number) =>
      `Un identificador anónimo en una cookie propia, ${events} ${events === 1 ? "evento reciente" : "eventos recientes"} y tu progreso en ${journeys} ${journeys === 1 ? "recorrido" : "recorridos"}.`,
    linked: "Este navegador está vinculado a tu cuenta de cliente.",
    unavailable: "Ahora no se pueden leer los datos guardados. Los botones siguen funcionando.",
    choicesHeading: "Tus opciones",
    optOut: "Oponerme",
    optOutHint: "Borra lo guardado y detiene la personalización y el seguimiento en este navegador.",
    optIn: "Volver a aceptar",
    optInHint: "La personalización vuelve a empezar, con un nuevo identificador anónimo.",
    erase: "Borrar mis datos",
    eraseHint: "Borra lo guardado ahora; la personalización sigue con un nuevo identificador anónimo.",
    done: {
      "opt-out": "Hecho: te has opuesto y lo guardado se ha borrado.",
      "opt-in": "Hecho: has vuelto a aceptar.",
      erase: "Hecho: lo guardado sobre este navegador se ha borrado.",
    },
    back: "Volver al sitio",
  },
} as const;

export type PrivacyLanguage = keyof typeof PRIVACY_COPY;
export type PrivacyChoice = keyof (typeof PRIVACY_COPY)["en"]["done"];

/**
 * The first language of Accept-Language (by q, then order) that the page has, matched on the primary subtag
 * ("de-CH" -> de); English when none matches. A simple choice: no region variants, q=0 means "not this one".
 */
export function pickLanguage(acceptLanguage: string | null): PrivacyLanguage {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .slice(0, 20)
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { lang: tag.trim().toLowerCase().split("-")[0], q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.q > 0 && Object.hasOwn(PRIVACY_COPY, r.lang))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (ranked[0]?.lang as PrivacyLanguage | undefined) ?? "en";
}
