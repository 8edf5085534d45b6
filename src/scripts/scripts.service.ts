import { Injectable } from '@nestjs/common';
import { badRequest, GatewayError } from '../common/errors/gateway-error';
import { FmgClient } from '../upstream/clients';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import { TaskAcceptedDto } from '../tasks/dto/task.dto';
import { taskAccepted } from '../tasks/task-accepted';
import { ExecuteScriptDto, ScriptRunDto } from './dto/script.dto';

/** CLI scripts (docs/upstream-api.md §8.7): execution as a task, per-device output (CRUD: SCRIPTS). */
@Injectable()
export class ScriptsService {
  constructor(private readonly fmg: FmgClient) {}

  /** Devices get `vdom: global` unless given: a name without a vdom means a device *group* (docs/upstream-api.md §10.9). */
  async executeScript(adom: string, name: string, dto: ExecuteScriptDto): Promise<TaskAcceptedDto> {
    if (!dto.scope?.length && !dto.groups?.length && !dto.package) {
      throw badRequest('Say where to run the script: `scope`, `groups` or `package`.');
    }
    const data: Record<string, unknown> = { adom, script: name };
    // A device needs `vdom` ("global" for the device itself); a bare name means a device group (§8.7).
    const scope = [
      ...(dto.scope ?? []).map((m) => ({ name: m.name, vdom: m.vdom ?? 'global' })),
      ...(dto.groups ?? []).map((g) => ({ name: g })),
    ];
    if (scope.length) data.scope = scope;
    if (dto.package) data.package = dto.package;
    const result = await this.fmg.request<{ task?: unknown }>('exec', {
      url: fmgUrl`/dvmdb/adom/${adom}/script/execute`,
      data,
    });
    return taskAccepted(result?.task, 'run-script');
  }

  /** The latest run of this script on the device (404 when it never ran there). */
  async getScriptOutput(adom: string, name: string, device: string): Promise<ScriptRunDto> {
    const rows =
      (await this.fmg.request<Record<string, unknown>[] | null>('get', {
        url: fmgUrl`/dvmdb/adom/${adom}/script/log/latest/device/${device}`,
      })) ?? [];
    const run = rows.find((r) => r.script_name === name);
    if (!run) {
      throw new GatewayError('SCRIPT_NOT_RUN', `Script "${name}" has no recorded run on ${device}.`);
    }
    return {
      script: name,
      status: typeof run.status === 'string' ? run.status : 'unknown',
      executedAt: typeof run.exec_time === 'number' ? run.exec_time : undefined,
      output: typeof run.content === 'string' ? run.content : '',
    };
  }
}
