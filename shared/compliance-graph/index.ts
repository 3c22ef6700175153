export { layoutGraph, type GraphLayout } from './layout-graph';
export { escapeXml, renderGraphSvg } from './render-graph';
export { renderGraphDot, renderGraphMermaid } from './render-graph-text';
export { renderStatusPage } from './render-status-page';
export { stateColours, stateMeanings } from './state-colours';
