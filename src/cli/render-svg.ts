/**
 * Renders Graphviz DOT to SVG with Graphviz compiled to WebAssembly (`@viz-js/viz`, MIT): no
 * system binary, works offline, loads in CommonJS (the package ships a `require` build). Loaded
 * only when a drawing is asked for, so `ccvpn plan` without `--diagram` never pays for it.
 */

/** Thrown when the renderer package is not installed. */
export class RendererMissingError extends Error {}

/** The SVG drawing of `dot`. */
export async function renderSvg(dot: string): Promise<string> {
  let viz: typeof import('@viz-js/viz');
  try {
    viz = await import('@viz-js/viz');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') {
      throw new RendererMissingError('drawing an SVG needs the @viz-js/viz package (npm install @viz-js/viz); a .dot file needs nothing');
    }
    throw e;
  }
  const instance = await viz.instance();
  const result = instance.render(dot, { format: 'svg' });
  if (result.status !== 'success') {
    throw new Error(`Graphviz could not draw the topology: ${result.errors.map((e) => e.message).join('; ')}`);
  }
  return result.output;
}
