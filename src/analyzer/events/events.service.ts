import { Injectable } from '@nestjs/common';
import { GatewayError } from '../../common/errors/gateway-error';
import { Page } from '../../common/http/page.dto';
import { fmgUrl } from '../../upstream/dialects/fmg-url';
import { FazAnalytics } from '../../upstream/dialects/faz-analytics';
import { FazAppliance } from '../faz-appliance';
import { fazTimeRange } from '../time-range';
import {
  AlertDto,
  AlertListQueryDto,
  EventListQueryDto,
  IncidentDto,
  IncidentListQueryDto,
  UpdateIncidentDto,
} from './dto/events.dto';

type Row = Record<string, unknown>;

const iso = (epoch: unknown) => new Date(Number(epoch) * 1000).toISOString();
const s = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** Joins the client's FAZ filter with the gateway's own conditions (`and`, client part in parentheses). */
function joinFilter(client: string | undefined, own: string[]): string {
  return [...(client ? [`(${client})`] : []), ...own].join(' and ');
}

function toAlert(r: Row): AlertDto {
  return {
    id: s(r.alertid),
    time: iso(r.alerttime),
    triggerName: s(r.triggername),
    eventType: s(r.eventtype),
    severity: s(r.severity),
    subject: s(r.subject),
    device: s(r.devname),
    vdom: s(r.vdom) || undefined,
    srcip: s(r.srcip) || undefined,
    dstip: s(r.dstip) || undefined,
    logCount: Number(r.logcount ?? 0),
    acknowledged: r.ackflag === 'yes',
    acknowledgedBy: s(r['update-by']) || undefined,
  };
}

function toIncident(r: Row): IncidentDto {
  return {
    id: s(r.incid),
    category: s(r.category),
    severity: s(r.severity),
    status: s(r.status),
    endpoint: s(r.endpoint) || undefined,
    description: s(r.description) || undefined,
    assignedTo: s(r['assigned-to']) || undefined,
    reporter: s(r.reporter) || undefined,
    alertIds: Array.isArray(r.alertids) ? r.alertids.map(s) : [],
    createdAt: iso(r.createtime),
    updatedAt: iso(r.lastupdate),
  };
}

const notFound = (what: 'Alert' | 'Incident', id: string) =>
  new GatewayError(
    what === 'Alert' ? 'ALERT_NOT_FOUND' : 'INCIDENT_NOT_FOUND',
    `There is no ${what.toLowerCase()} ${id} in this ADOM.`,
  );

/** Event management alerts and incidents (docs/upstream-api.md §9.4); totals come from the `/count` urls. */
@Injectable()
export class EventsService {
  constructor(
    private readonly faz: FazAnalytics,
    private readonly appliance: FazAppliance,
  ) {}

  async listAlerts(adom: string, q: AlertListQueryDto): Promise<Page<AlertDto>> {
    const own: string[] = [];
    if (q.acknowledged !== undefined) own.push(q.acknowledged ? 'ackflag==yes' : 'ackflag!=yes');
    if (q.severity) own.push(`severity==${q.severity}`);
    const rows = await this.list(fmgUrl`/eventmgmt/adom/${adom}/alerts`, q, joinFilter(q.filter, own));
    return { ...rows, items: rows.items.map(toAlert) };
  }

  async getAlert(adom: string, id: string): Promise<AlertDto> {
    const { data } = await this.faz.request<{ data?: Row[] }>('get', fmgUrl`/eventmgmt/adom/${adom}/alerts`, {
      filter: `alertid==${id}`,
      limit: 1,
    });
    const row = data?.[0];
    if (!row) throw notFound('Alert', id);
    return toAlert(row);
  }

  async updateAlert(adom: string, id: string, acknowledged: boolean, by: string): Promise<AlertDto> {
    await this.getAlert(adom, id);
    const action = acknowledged ? 'ack' : 'unack';
    await this.faz.request('update', fmgUrl`/eventmgmt/adom/${adom}/alerts/${action}`, {
      alertid: [id],
      'update-by': by,
    });
    return this.getAlert(adom, id);
  }

  async listIncidents(adom: string, q: IncidentListQueryDto): Promise<Page<IncidentDto>> {
    const rows = await this.list(
      fmgUrl`/incidentmgmt/adom/${adom}/incidents`,
      q,
      joinFilter(q.filter, q.status ? [`status==${q.status}`] : []),
    );
    return { ...rows, items: rows.items.map(toIncident) };
  }

  async getIncident(adom: string, id: string): Promise<IncidentDto> {
    const { data } = await this.faz.request<{ data?: Row[] }>(
      'get',
      fmgUrl`/incidentmgmt/adom/${adom}/incidents`,
      {
        incids: [id],
      },
    );
    const row = data?.find((r) => r.incid === id);
    if (!row) throw notFound('Incident', id);
    return toIncident(row);
  }

  async updateIncident(adom: string, id: string, dto: UpdateIncidentDto, by: string): Promise<IncidentDto> {
    await this.getIncident(adom, id);
    const change: Row = {};
    if (dto.status !== undefined) change.status = dto.status;
    if (dto.severity !== undefined) change.severity = dto.severity;
    if (dto.category !== undefined) change.category = dto.category;
    if (dto.description !== undefined) change.description = dto.description;
    if (dto.assignedTo !== undefined) change['assigned-to'] = dto.assignedTo;
    await this.faz.request('update', fmgUrl`/incidentmgmt/adom/${adom}/incident/${id}`, {
      ...change,
      lastuser: by,
    });
    return this.getIncident(adom, id);
  }

  /** One page plus the total, from the list url and its `/count` sibling. */
  private async list(url: string, q: EventListQueryDto, filter: string): Promise<Page<Row>> {
    const range =
      q.from === undefined && q.to === undefined
        ? undefined
        : fazTimeRange(q.from, q.to, await this.appliance.zone(), true);
    const common = { ...(filter ? { filter } : {}), ...(range ? { 'time-range': range } : {}) };
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 100;
    const [page, count] = await Promise.all([
      this.faz.request<{ data?: Row[] }>('get', url, { ...common, offset, limit }),
      this.faz.request<{ count?: number }>('get', `${url}/count`, common),
    ]);
    return { items: page?.data ?? [], total: Number(count?.count ?? 0), offset, limit };
  }
}
