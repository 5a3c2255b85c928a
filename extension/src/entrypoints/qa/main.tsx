import { render } from "preact";
import "../../ui/styles.css";
import { QaPage } from "../../ui/QaPage.tsx";

render(<QaPage />, document.getElementById("app")!);
