/**
 * JSON-RPC urls as metric labels: ADOM, device, package and object names become placeholders, so
 * `/pm/config/adom/root/obj/firewall/address/web-01` is counted as
 * `/pm/config/adom/{adom}/obj/firewall/address/{name}`. The rules follow the url families of the FMG
 * API (docs/upstream-api.md §2); whatever they miss is still bounded by the cap in the metrics service.
 */

/** Keyword → placeholder for the segment after it. */
const NAMED_AFTER: Record<string, string> = {
  adom: '{adom}',
  device: '{device}',
  vdom: '{vdom}',
  group: '{group}',
  script: '{script}',
  pkg: '{pkg}',
  revision: '{id}',
};

/** Segments that are actions, not names, after one of those keywords. */
const ACTIONS = new Set(['execute', 'log', 'revert', 'latest', 'summary', 'list']);

/** Object tables whose cli path has three words rather than two (`firewall/service/custom`). */
const THREE_WORD_TABLES = new Set([
  'firewall/service',
  'firewall/schedule',
  'firewall/internet-service',
  'system/replacemsg',
  'vpn/ipsec',
  'vpn/ssl',
  'vpn/certificate',
  'log/syslogd',
  'log/fortianalyzer',
]);

const WORD = /^[a-z][a-z0-9_-]*$/;
const NUMBER = /^\d+$/;
/** Deeper than this is collapsed: nothing in the API nests further. */
const MAX_SEGMENTS = 14;

/** Splits on `/` but not on the escaped `\/` inside a name. */
function segments(url: string): string[] {
  return url.split(/(?<!\\)\//).filter((s) => s !== '');
}

const generic = (seg: string) => (NUMBER.test(seg) ? '{id}' : WORD.test(seg) ? seg : '{name}');

/** Templates of urls seen lately: the same few urls recur on every request (bounded; cleared when full). */
const recent = new Map<string, string>();
const RECENT_MAX = 2_000;

export function urlTemplate(url: string): string {
  let template = recent.get(url);
  if (template === undefined) {
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(url, (template = templateOf(url)));
  }
  return template;
}

function templateOf(url: string): string {
  const segs = segments(url.split('?')[0]);
  const out: string[] = [];
  let i = 0;
  /** A table path then an entry name, then sub-tables/attributes of the entry. */
  const table = () => {
    const words = segs.slice(i, i + 2).join('/');
    const width = THREE_WORD_TABLES.has(words) ? 3 : 2;
    for (const seg of segs.slice(i, i + width)) out.push(generic(seg));
    i += width;
    if (i < segs.length) out.push(NUMBER.test(segs[i++]) ? '{id}' : '{name}');
    while (i < segs.length) out.push(generic(segs[i++]));
  };
  while (i < segs.length) {
    const seg = segs[i++];
    out.push(generic(seg));
    if (seg === 'obj') {
      table();
      break;
    }
    const inConfig = out[0] === 'pm' && out[1] === 'config';
    // pm/config/device/{device}/global/<table>
    if (inConfig && seg === 'global' && out.at(-2) === '{device}') {
      table();
      break;
    }
    const placeholder = seg === 'pkg' && !inConfig ? undefined : NAMED_AFTER[seg];
    if (placeholder && i < segs.length && !ACTIONS.has(segs[i])) {
      i++;
      out.push(placeholder);
      // pm/config/adom/{adom}/pkg/{pkg}/<table>, pm/config/device/{device}/vdom/{vdom}/<table>
      if (inConfig && (seg === 'pkg' || seg === 'vdom')) {
        table();
        break;
      }
    }
    // pm/pkg/adom/{adom}/<folders…>/<package>: the whole path is one package.
    if (out.join('/') === 'pm/pkg/adom/{adom}' && i < segs.length) {
      out.push('{pkg}');
      break;
    }
  }
  if (out.length > MAX_SEGMENTS) out.splice(MAX_SEGMENTS, out.length - MAX_SEGMENTS, '…');
  return `/${out.join('/')}`;
}
