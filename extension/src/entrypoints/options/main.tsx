import { render } from "preact";
import "../../ui/styles.css";
import { OptionsApp } from "../../ui/OptionsApp.tsx";

render(<OptionsApp />, document.getElementById("app")!);
