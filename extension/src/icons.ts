import { LabIcon } from '@jupyterlab/ui-components';

// A small bar-chart-with-curve mark: media bars under a saturating response curve.
const MARK = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">
<g class="jp-icon3" fill="#616161">
<rect x="2" y="9" width="2.5" height="5"/><rect x="6.75" y="6" width="2.5" height="8"/><rect x="11.5" y="4" width="2.5" height="10"/>
</g>
<path class="jp-icon-accent0" fill="none" stroke="#616161" stroke-width="1.2" d="M1.5 8 C5 3, 9 2, 14.5 1.5"/>
</svg>`;

/** The mixmodeler icon, for the sidebar tab, the launcher and the canvas tab. */
export const mixmodelerIcon = new LabIcon({ name: 'mixmodeler:mark', svgstr: MARK });
