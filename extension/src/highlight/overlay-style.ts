/** Styles of the overlay, inside its shadow root: the site's CSS cannot reach them, and they cannot leak out. */
export const OVERLAY_CSS = `
:host { all: initial; }
.box { position: fixed; box-sizing: border-box; border: 2px dashed #c026d3; background: rgba(192, 38, 211, 0.08);
  border-radius: 3px; cursor: pointer; pointer-events: auto; }
.box:hover, .box.selected { background: rgba(192, 38, 211, 0.18); border-style: solid; }
.box.flash { animation: flash 0.6s ease-in-out 3; }
@keyframes flash { 50% { background: rgba(192, 38, 211, 0.45); } }
.tag { position: absolute; left: -2px; top: -20px; font: 600 11px/18px system-ui, sans-serif; color: #fff;
  background: #c026d3; padding: 0 6px; border-radius: 3px 3px 0 0; white-space: nowrap; max-width: 320px;
  overflow: hidden; text-overflow: ellipsis; }
.card { position: fixed; right: 16px; bottom: 16px; width: 300px; pointer-events: auto; background: #fff;
  color: #1d1d1f; border: 1px solid #d0d0d7; border-radius: 10px; box-shadow: 0 8px 30px rgba(0,0,0,.2);
  font: 13px/1.45 system-ui, sans-serif; padding: 12px 14px; }
.card h2 { font-size: 13px; margin: 0 0 8px; color: #86198f; }
.card dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0; }
.card dt { color: #666; } .card dd { margin: 0; font-family: ui-monospace, monospace; word-break: break-all; }
.card button { position: absolute; top: 6px; right: 8px; border: 0; background: none; font-size: 16px;
  cursor: pointer; color: #666; }
.hidden-note { margin-top: 8px; color: #666; }
`;
