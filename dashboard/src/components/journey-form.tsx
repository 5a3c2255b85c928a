import { ActionsEditor } from "./actions-editor.tsx";
import { BranchesEditor } from "./branches-editor.tsx";
import { CapsEditor } from "./caps-editor.tsx";
import { JourneyBasics } from "./journey-basics.tsx";
import { MetricsEditor } from "./metrics-editor.tsx";
import { StagesEditor } from "./stages-editor.tsx";
import { TransitionsEditor } from "./transitions-editor.tsx";

/** The journey form: every part of the format, section by section (inside an EditorContext). */
export function JourneyForm({ isNew }: { isNew: boolean }) {
  return (
    <div class="journey-form">
      <JourneyBasics isNew={isNew} />
      <StagesEditor />
      <TransitionsEditor />
      <BranchesEditor />
      <ActionsEditor />
      <CapsEditor />
      <MetricsEditor />
    </div>
  );
}
