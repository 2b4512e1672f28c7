/**
 * Loads one entry of the package by its public name (Node resolves the package's own `exports`
 * from inside it), and nothing else.
 *
 * argv: <specifier>, e.g. `cross-cloud-vpn/aws`; `-` loads nothing (Node's own floor)
 */
const specifier = process.argv[2];
if (specifier !== '-') require(specifier);
