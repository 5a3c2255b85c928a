/** What is selected on the journey map: a stage (by id), or one arrow (a transition from one of its sources). */
export type MapSelection = { kind: "stage"; id: string } | { kind: "edge"; transition: number; from: string };
