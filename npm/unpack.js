// Rebuilds a result sent packed (format and rationale: crates/pullsecret/src/pack.rs) as the
// plain objects JSON.parse would give. Generic: no knowledge of reports. Copied by build.sh.
const utf8 = new TextDecoder();

export function unpack(words) {
  const n = words[0];
  const pool = utf8.decode(new Uint8Array(words.buffer, words.byteOffset + 4 * (2 + n), words[1]));
  const w = words;
  const keys = [];
  let i = 2;
  function value() {
    switch (w[i++]) {
      case 0: return null;
      case 1: return false;
      case 2: return true;
      case 3: return w[i++];
      case 4: i += 2; return pool.slice(w[i - 2], w[i - 1]);
      case 5: {
        const o = {};
        for (let k = w[i++]; k !== 7; k = w[i++]) {
          if (k === 8) {
            const key = pool.slice(w[i], w[i + 1]);
            if (key === '__proto__') throw new Error('packed data: __proto__ key');
            i += 2;
            k = 9 + keys.push(key) - 1;
          }
          o[keys[k - 9]] = value();
        }
        return o;
      }
      case 6: {
        const a = [];
        while (w[i] !== 7) a.push(value());
        i++;
        return a;
      }
    }
    throw new Error(`packed data: bad op at word ${i - 1}`);
  }
  return value();
}
