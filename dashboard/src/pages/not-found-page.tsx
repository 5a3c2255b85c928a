import { href } from "../paths.ts";

export function NotFoundPage() {
  return (
    <div class="page">
      <h1>Not found</h1>
      <p>
        There is no such page in the dashboard. <a href={href()}>Back to the journeys</a>.
      </p>
    </div>
  );
}
