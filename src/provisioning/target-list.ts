import { getSchemaPath } from '@nestjs/swagger';
import { ScopeMemberDto } from '../packages/dto/package.dto';
import type { Answer } from '../resources/operations';

/** Answer of the target routes: the whole target list (devices with VDOM, device groups without). */
export const TARGET_LIST: Answer = {
  schema: {
    type: 'array',
    items: { $ref: getSchemaPath(ScopeMemberDto) },
    example: [{ name: 'FGT-HQ-01', vdom: 'root' }, { name: 'east-branches' }],
  },
  models: [ScopeMemberDto],
};
