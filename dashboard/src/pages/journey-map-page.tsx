import { JourneyEditPage } from "./journey-edit-page.tsx";

/**
 * The Journey map tab: the map is the editor of the journey's shape (stages, transitions, what each stage does),
 * with live counts; the form below it edits the same draft for the details.
 */
export function JourneyMapPage({ id }: { id: string }) {
  return <JourneyEditPage id={id} tab="map" />;
}
