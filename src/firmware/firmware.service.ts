import { Injectable } from '@nestjs/common';
import { GatewayError, upstreamProtocolError } from '../common/errors/gateway-error';
import { Page } from '../common/http/page.dto';
import { taskAccepted } from '../tasks/task-accepted';
import { FmgClient } from '../upstream/clients';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import {
  DeviceFirmwareDto,
  FirmwareImageDto,
  FirmwareImagesQueryDto,
  FirmwareUpgradeAcceptedDto,
  UpgradeFirmwareDto,
  UpgradePathDto,
} from './dto/firmware.dto';
import { compareVersions, deviceVersion, parseFmgVersion, type FosVersion } from './fos-version';

type Row = Record<string, unknown>;

/** What to upgrade: devices by name, or one device group (FMG expands a bare name to its members). */
export type UpgradeTarget = { devices: string[] } | { group: string };

interface PathRow {
  name?: unknown;
  path?: unknown;
  'no-path'?: unknown;
}

/**
 * Firmware through FMG's update manager (docs/upstream-api.md §8.9): the image catalogue, upgrade paths
 * as FMG computes them (`um/image/upgrade` with the preview flag), and upgrades as tasks. An upgrade is
 * an `exec` and so never resent by the transport; the gateway does not retry it either.
 */
@Injectable()
export class FirmwareService {
  constructor(private readonly fmg: FmgClient) {}

  async listImages(query: FirmwareImagesQueryDto): Promise<Page<FirmwareImageDto>> {
    const items = await this.catalogue(query.product ?? 'FGT', query.platform);
    return { items, total: items.length, offset: 0, limit: items.length };
  }

  async deviceFirmware(adom: string, device: string): Promise<DeviceFirmwareDto> {
    const dev = await this.device(adom, device);
    const platform = text(dev.platform_str);
    const current = this.currentVersion(dev, device);
    const available = (await this.catalogue('FGT', platform))
      .map((i) => i.version)
      .filter((v) => compareVersions(v, current.version) > 0);
    const recommended = available.at(-1);
    const out: DeviceFirmwareDto = {
      device,
      platform,
      current: current.version,
      ...(current.build ? { build: current.build } : {}),
      available,
    };
    if (!recommended) return out;
    const [path] = await this.paths(adom, { devices: [device] }, recommended);
    return { ...out, recommended, ...(path?.steps ? { recommendedPath: path.steps } : {}) };
  }

  /** The path for one device; 422 with FMG's verdict when there is none. */
  async upgradePath(adom: string, device: string, version: string): Promise<UpgradePathDto> {
    const [path] = await this.plan(adom, { devices: [device] }, version);
    return path;
  }

  /**
   * Starts an upgrade after asking FMG for each device's path: a device without one, or a one-step
   * upgrade (`direct`) where FMG needs several, refuses the whole request, naming the steps.
   */
  async upgrade(
    adom: string,
    target: UpgradeTarget,
    dto: UpgradeFirmwareDto,
    ifMatch?: string,
  ): Promise<FirmwareUpgradeAcceptedDto> {
    if (dto.confirm !== true && ifMatch === undefined) {
      throw new GatewayError(
        'CONFIRMATION_REQUIRED',
        'An upgrade reboots the device: send `confirm: true`, or `If-Match` with the version it runs now.',
      );
    }
    const devices = await this.plan(adom, target, dto.version);
    if (ifMatch !== undefined) {
      const expected = ifMatch.replace(/^W\//, '').replace(/"/g, '').trim();
      const moved = devices.filter((d) => d.from !== expected);
      if (moved.length) {
        throw new GatewayError(
          'PRECONDITION_FAILED',
          `If-Match names ${expected}, but ${moved.map((d) => `${d.device} runs ${d.from}`).join(', ')}.`,
        );
      }
    }
    if (dto.direct) {
      const multi = devices.filter((d) => d.steps.length > 1);
      if (multi.length) {
        throw new GatewayError(
          'FIRMWARE_UPGRADE_PATH_REQUIRED',
          `FortiOS cannot go to ${dto.version} in one step on ${multi.map(describe).join('; ')}. ` +
            'Upgrade without `direct` to let FortiManager walk the steps.',
          { extensions: { paths: multi } },
        );
      }
    }
    const flags = [
      ...(dto.direct ? ['f_skip_multi_steps'] : []),
      ...(dto.bootAlternatePartition ? ['f_boot_alt_partition'] : []),
      ...(dto.skipRetrieve ? ['f_skip_retrieve'] : []),
      ...(dto.deviceDownloadsImage ? ['f_skip_fortiguard_img'] : []),
    ];
    const result = await this.fmg.request<{ taskid?: unknown; task?: unknown } | null>('exec', {
      url: '/um/image/upgrade',
      data: {
        adom,
        device: scope(target),
        image: { release: dto.version },
        flags: flags.length ? flags : ['none'],
        create_task: 'enable',
      },
    });
    return { ...taskAccepted(result?.taskid ?? result?.task, 'firmware-upgrade'), devices };
  }

  /** Each target device's path; a device FMG has no path for refuses the whole request (422). */
  private async plan(adom: string, target: UpgradeTarget, version: string): Promise<UpgradePathDto[]> {
    if ('devices' in target) await Promise.all(target.devices.map((d) => this.device(adom, d)));
    const paths = await this.paths(adom, target, version);
    const missing = paths.filter((p) => !p.steps);
    if (missing.length) {
      throw new GatewayError(
        'FIRMWARE_NO_UPGRADE_PATH',
        `FortiManager has no upgrade path to ${version} for ${missing.map((m) => m.device).join(', ')} ` +
          '(a downgrade, or no image of that version for the platform).',
        { extensions: { devices: missing.map((m) => m.device) } },
      );
    }
    return paths.map((p) => ({ ...p, steps: p.steps! }));
  }

  /** FMG's preview of the upgrade (`f_preview`): one path per device, `no-path` when there is none. */
  private async paths(
    adom: string,
    target: UpgradeTarget,
    version: string,
  ): Promise<(Omit<UpgradePathDto, 'steps'> & { steps?: string[] })[]> {
    const answer = await this.fmg.request<{ upgrade_path?: unknown } | null>('exec', {
      url: '/um/image/upgrade',
      data: { adom, device: scope(target), image: { release: version }, flags: 'f_preview' },
    });
    if (!Array.isArray(answer?.upgrade_path)) {
      throw upstreamProtocolError('FortiManager answered no upgrade_path to an upgrade preview.');
    }
    const rows = answer.upgrade_path as PathRow[];
    const devices = await Promise.all(rows.map((r) => this.device(adom, String(r.name))));
    return rows.map((r, i) => {
      const name = String(r.name);
      const from = this.currentVersion(devices[i], name).version;
      const steps = Array.isArray(r.path)
        ? r.path.map((p) => parseFmgVersion(String(p))?.version ?? String(p))
        : [];
      const known = !r['no-path'] && (steps.length > 0 || compareVersions(from, version.split('-')[0]) === 0);
      return {
        device: name,
        from,
        to: version.split('-')[0],
        ...(known ? { steps } : {}),
        direct: steps.length <= 1,
      };
    });
  }

  private async catalogue(product: string, platform?: string): Promise<FirmwareImageDto[]> {
    const answer = await this.fmg.request<{ version_list?: unknown } | null>('exec', {
      url: '/um/image/version/list',
      data: { product, ...(platform ? { platform } : {}) },
    });
    const lists = Array.isArray(answer?.version_list) ? (answer.version_list as Row[]) : [];
    return lists.flatMap((l) =>
      (Array.isArray(l.versions) ? (l.versions as Row[]) : []).flatMap((v) => {
        const parsed = parseFmgVersion(text(v.version));
        if (!parsed) return [];
        return [
          {
            platform: text(l.platform) || (platform ?? ''),
            product: text(l.product) || product,
            version: parsed.version,
            ...(parsed.build ? { build: parsed.build } : {}),
            ...(typeof v.type === 'string' ? { type: v.type } : {}),
            // An image on the FMG disk carries its path (docs/upstream-api.md §8.9).
            downloaded: typeof v.image_path === 'string',
          },
        ];
      }),
    );
  }

  private device(adom: string, device: string): Promise<Row> {
    return this.fmg.request<Row>('get', {
      url: fmgUrl`/dvmdb/adom/${adom}/device/${device}`,
      fields: ['name', 'platform_str', 'os_ver', 'mr', 'patch', 'build'],
      loadsub: 0,
    });
  }

  private currentVersion(dev: Row, name: string): FosVersion {
    return deviceVersion(dev) ?? throwUnknown(name);
  }
}

/** A string attribute of an FMG answer ('' when absent or not a string). */
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function throwUnknown(device: string): never {
  throw upstreamProtocolError(`FortiManager does not report the firmware version of ${device}.`);
}

function scope(target: UpgradeTarget): { name: string }[] {
  // A bare name (no vdom) is a device group in an FMG scope (docs/upstream-api.md §8.7).
  return 'group' in target ? [{ name: target.group }] : target.devices.map((name) => ({ name }));
}

const describe = (p: UpgradePathDto) => `${p.device} (${p.from} → ${p.steps.join(' → ')})`;
