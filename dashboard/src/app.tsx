import { LocationProvider, Route, Router } from "preact-iso";
import { AccessCheck } from "./components/access-check.tsx";
import { AppShell } from "./components/app-shell.tsx";
import { AudienceEditPage } from "./pages/audience-edit-page.tsx";
import { AudiencesPage } from "./pages/audiences-page.tsx";
import { AuditPage } from "./pages/audit-page.tsx";
import { JourneyEditPage } from "./pages/journey-edit-page.tsx";
import { JourneyMapPage } from "./pages/journey-map-page.tsx";
import { JourneyResultsPage } from "./pages/journey-results-page.tsx";
import { JourneysPage } from "./pages/journeys-page.tsx";
import { NotFoundPage } from "./pages/not-found-page.tsx";
import { ProgramPage } from "./pages/program-page.tsx";
import { PublishPage } from "./pages/publish-page.tsx";
import { SignInPage } from "./pages/sign-in-page.tsx";
import { SimulatorPage } from "./pages/simulator-page.tsx";
import { VisitorLookupPage } from "./pages/visitor-lookup-page.tsx";
import { BASE, route } from "./paths.ts";
import { me, token } from "./state.ts";

/** Signed out: only the sign-in form. Signed in: the shell and the routed page, once the token's role is known. */
export function App() {
  if (!token.value) return <SignInPage />;
  if (!me.value) return <AccessCheck />;
  return (
    <LocationProvider scope={BASE}>
      <AppShell>
        <Router>
          <Route path={route("")} component={JourneysPage} />
          <Route path={route("journeys/new")} component={JourneyEditPage} />
          <Route path={route("journeys/:id")} component={JourneyEditPage} />
          <Route path={route("journeys/:id/map")} component={JourneyMapPage} />
          <Route path={route("journeys/:id/results")} component={JourneyResultsPage} />
          <Route path={route("audiences")} component={AudiencesPage} />
          <Route path={route("audiences/new")} component={AudienceEditPage} />
          <Route path={route("audiences/:id")} component={AudienceEditPage} />
          <Route path={route("program")} component={ProgramPage} />
          <Route path={route("simulator")} component={SimulatorPage} />
          <Route path={route("publish")} component={PublishPage} />
          <Route path={route("audit")} component={AuditPage} />
          <Route path={route("visitors")} component={VisitorLookupPage} />
          <Route path={route("visitors/:id")} component={VisitorLookupPage} />
          <Route default component={NotFoundPage} />
        </Router>
      </AppShell>
    </LocationProvider>
  );
}
