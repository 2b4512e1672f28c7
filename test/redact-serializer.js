// Snapshot serializer: every pre-shared key is replaced before anything is written to a snapshot.
// Keys are recognised by their property names, in every engine's spelling:
// CloudFormation PreSharedKey, Terraform shared_key / psk, the plan's presharedKey.
const SECRET_KEY = /^(pre_?shared_?key|shared_?key|psk|presharedkey)$/i;
const DONE = Symbol.for('ccvpn.redacted');
// Absolute paths (cdktf writes the local state path of cross-stack references) differ per machine.
const CWD = process.cwd();
const scrub = (v) => (typeof v === 'string' && v.includes(CWD) ? v.split(CWD).join('<repo>') : v);

function redact(value) {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k) && (typeof v === 'string' || typeof v === 'object') ? '<redacted>' : redact(v);
    }
    Object.defineProperty(out, DONE, { value: true });
    return out;
  }
  return scrub(value);
}

function hasSecret(value, depth = 0) {
  if (typeof value === 'string') return value.includes(CWD);
  if (depth > 64 || !value || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => hasSecret(v, depth + 1));
  return Object.entries(value).some(([k, v]) => (SECRET_KEY.test(k) && v !== '<redacted>') || hasSecret(v, depth + 1));
  // (strings holding the working directory count too: they are scrubbed the same way)
}

module.exports = {
  test(value) {
    return value && typeof value === 'object' && !value[DONE] && Object.getPrototypeOf(value) === Object.prototype && hasSecret(value);
  },
  serialize(value, config, indentation, depth, refs, printer) {
    return printer(redact(value), config, indentation, depth, refs);
  },
};
