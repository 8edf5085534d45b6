import { AdomParamsDto } from '../adoms/dto/adom.dto';
import { declareResource } from '../resources/resource';
import { ResourceDef } from '../translator/resource';
import { CreateScriptDto, ScriptDto, ScriptParamsDto, UpdateScriptDto } from './dto/script.dto';

export const SCRIPT_RESOURCE: ResourceDef<ScriptDto> = {
  label: 'script',
  key: 'name',
  fields: { name: 'name', target: 'target', content: 'content', description: 'desc', type: 'type' },
};

/** CLI scripts (docs/upstream-api.md §8.7): dvmdb rows, so writes take no workspace lock. */
export const SCRIPTS = declareResource<ScriptDto>({
  route: 'adoms/:adom/scripts/:name',
  resource: SCRIPT_RESOURCE,
  dto: ScriptDto,
  params: [AdomParamsDto, ScriptParamsDto],
  upstream: '/dvmdb/adom/{adom}/script',
  ifMatch: true,
  list: { summary: 'List CLI scripts' },
  get: { summary: 'Get a CLI script' },
  create: {
    summary: 'Create a CLI script',
    input: CreateScriptDto,
    toUpstream: (dto) => ({ ...dto, type: 'cli' }),
  },
  update: { summary: 'Update a CLI script', input: UpdateScriptDto },
  delete: { summary: 'Delete a CLI script', problems: [404] },
});
