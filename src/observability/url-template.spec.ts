import { urlTemplate } from './url-template';

describe('urlTemplate', () => {
  it.each([
    ['/sys/status', '/sys/status'],
    ['sys/login/user', '/sys/login/user'],
    ['/dvmdb/adom', '/dvmdb/adom'],
    ['/dvmdb/adom/root', '/dvmdb/adom/{adom}'],
    ['/dvmdb/adom/branch-east/workspace/lock', '/dvmdb/adom/{adom}/workspace/lock'],
    ['/dvmdb/adom/root/device/FGT-01/vdom/root', '/dvmdb/adom/{adom}/device/{device}/vdom/{vdom}'],
    ['/dvmdb/adom/root/script/execute', '/dvmdb/adom/{adom}/script/execute'],
    ['/dvmdb/adom/root/script/my script', '/dvmdb/adom/{adom}/script/{script}'],
    ['/dvmdb/adom/root/revision/12', '/dvmdb/adom/{adom}/revision/{id}'],
    ['/pm/config/adom/root/obj/firewall/address', '/pm/config/adom/{adom}/obj/firewall/address'],
    [
      '/pm/config/adom/root/obj/firewall/address/net_10.0.0.0\\/24',
      '/pm/config/adom/{adom}/obj/firewall/address/{name}',
    ],
    [
      '/pm/config/adom/root/obj/firewall/address/web-01',
      '/pm/config/adom/{adom}/obj/firewall/address/{name}',
    ],
    [
      '/pm/config/adom/root/obj/firewall/service/custom/HTTPS',
      '/pm/config/adom/{adom}/obj/firewall/service/custom/{name}',
    ],
    [
      '/pm/config/global/obj/firewall/addrgrp/g1/member',
      '/pm/config/global/obj/firewall/addrgrp/{name}/member',
    ],
    [
      '/pm/config/adom/root/pkg/default/firewall/policy/3',
      '/pm/config/adom/{adom}/pkg/{pkg}/firewall/policy/{id}',
    ],
    ['/pm/pkg/adom/root/branches/branch-std', '/pm/pkg/adom/{adom}/{pkg}'],
    ['/pm/pkg/adom/root', '/pm/pkg/adom/{adom}'],
    [
      '/pm/config/device/FGT-01/vdom/root/router/static/1',
      '/pm/config/device/{device}/vdom/{vdom}/router/static/{id}',
    ],
    [
      '/pm/config/device/FGT-01/global/system/interface/port1',
      '/pm/config/device/{device}/global/system/interface/{name}',
    ],
    ['/task/task/42/line', '/task/task/{id}/line'],
  ])('%s → %s', (url, template) => {
    expect(urlTemplate(url)).toBe(template);
  });

  it('collapses every name of a table to one template (bounded label values)', () => {
    const names = Array.from(
      { length: 500 },
      (_, i) => `/pm/config/adom/a${i}/obj/firewall/address/host-${i}`,
    );
    expect(new Set(names.map(urlTemplate)).size).toBe(1);
  });
});
