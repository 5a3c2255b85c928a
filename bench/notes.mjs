// Findings written after reading a run: appended to docs/benchmarks.md under the generated tables.
export const NOTES = `## Notes

Findings are filled in after a full run with the real hot path.
`;
