import { complianceExitCode } from '../shared/compliance';
import { renderGraphDot, renderGraphMermaid, renderGraphSvg } from '../shared/compliance-graph';
import { configOptions, loadConfigOrReport, parseFlags } from './common-options';
import { complianceFromCli } from './run-reconcile';

const FORMATS = ['svg', 'mermaid', 'dot'] as const;

const help = `Usage: sg-pairing graph [--config FILE] [--format svg|mermaid|dot]

Reads the cloud (a dry run: nothing is written) and prints the pairings as a graph: accounts as
boxes holding their groups, one edge per pairing coloured by its state (the graph GET /status shows).

  -c, --config FILE     pairings file (default pairings.yaml)
      --format F        svg (default; a standalone SVG file), mermaid or dot (Graphviz)
  -h, --help            this help

Exit status as 'sg-pairing status': 0 in sync, 2 drift or blocked, 1 an error.`;

export async function runGraphCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      config: configOptions.config,
      format: { type: 'string', default: 'svg' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    { positionals: false },
  );
  if (values.help) return (void process.stdout.write(help + '\n'), 0);
  const format = FORMATS.find((f) => f === values.format);
  if (format === undefined) {
    process.stderr.write(`sg-pairing graph: --format must be svg, mermaid or dot, got "${values.format}"\n`);
    return 1;
  }
  const config = await loadConfigOrReport(values.config, { command: 'graph' });
  if (!config) return 1;
  const model = await complianceFromCli(config);
  const render = { svg: renderGraphSvg, mermaid: renderGraphMermaid, dot: renderGraphDot }[format];
  const text = render(model);
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  return complianceExitCode(model);
}
