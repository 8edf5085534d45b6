/** The FortiManager/FortiAnalyzer JSON-RPC envelope (docs/upstream-api.md §1). */
export type RpcMethod = 'get' | 'add' | 'set' | 'update' | 'replace' | 'delete' | 'exec' | 'clone' | 'move';

export interface RpcParam {
  url: string;
  data?: unknown;
  fields?: string[];
  filter?: unknown[];
  range?: [number, number];
  sortings?: Record<string, 1 | -1>[];
  option?: string | string[];
  loadsub?: 0 | 1;
  target?: string;
  [extra: string]: unknown;
}

export interface RpcRequest {
  /** Only for FortiAnalyzer's analytics dialect (docs/upstream-api.md §9.1). */
  jsonrpc?: '2.0';
  id: number;
  method: RpcMethod;
  params: RpcParam[];
  session?: string;
  verbose?: 1;
}

export interface RpcStatus {
  code: number;
  message: string;
}

export interface RpcResult {
  status: RpcStatus;
  url: string;
  data?: unknown;
}

export interface RpcResponse {
  id: number | string | null;
  result?: RpcResult[];
  session?: string;
  error?: { code: number; message: string };
}

/** FMG's "No permission for the resource": also what an expired or unknown session gets (docs/upstream-api.md §4.1). */
export const FMG_NO_PERMISSION = -11;
export const FMG_OK = 0;
