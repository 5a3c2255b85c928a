import { render } from "preact";
import "../../ui/styles.css";
import { SidePanelApp } from "../../ui/SidePanelApp.tsx";
import { watchPanelState } from "../../ui/state/panel-state.ts";
import { followTargetTab } from "../../ui/state/target-tab.ts";

watchPanelState();
followTargetTab(location.search);
render(<SidePanelApp />, document.getElementById("app")!);
