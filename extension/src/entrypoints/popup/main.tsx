import { render } from "preact";
import "../../ui/styles.css";
import { PopupApp } from "../../ui/PopupApp.tsx";
import { watchPanelState } from "../../ui/state/panel-state.ts";
import { followTargetTab } from "../../ui/state/target-tab.ts";

watchPanelState();
followTargetTab(location.search);
render(<PopupApp />, document.getElementById("app")!);
