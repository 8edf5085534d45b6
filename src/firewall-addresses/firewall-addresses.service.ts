import { Injectable } from '@nestjs/common';
import { Page } from '../common/http/page.dto';
import { fmgUrl } from '../fortimanager/fmg-url';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { TranslatorService } from '../translator/translator.service';
import {
  CreateFirewallAddressDto,
  FirewallAddressDto,
  ReplaceFirewallAddressDto,
  UpdateFirewallAddressDto,
} from './dto/firewall-address.dto';
import { FIREWALL_ADDRESS_RESOURCE as RESOURCE } from './firewall-address.resource';

const collectionUrl = (adom: string) => fmgUrl`/pm/config/adom/${adom}/obj/firewall/address`;
const memberUrl = (adom: string, name: string) =>
  fmgUrl`/pm/config/adom/${adom}/obj/firewall/address/${name}`;

@Injectable()
export class FirewallAddressesService {
  constructor(private readonly translator: TranslatorService) {}

  listFirewallAddresses(adom: string, query: ListQueryDto): Promise<Page<FirewallAddressDto>> {
    return this.translator.list(RESOURCE, collectionUrl(adom), query);
  }

  getFirewallAddress(adom: string, name: string, query: ReadQueryDto): Promise<FirewallAddressDto> {
    return this.translator.read(RESOURCE, memberUrl(adom, name), query.fields);
  }

  createFirewallAddress(adom: string, dto: CreateFirewallAddressDto): Promise<FirewallAddressDto> {
    const body = { ...dto, type: dto.type ?? 'ipmask' };
    return this.translator.create(
      RESOURCE,
      { collection: collectionUrl(adom), member: memberUrl(adom, dto.name) },
      body,
      { adom },
    );
  }

  replaceFirewallAddress(
    adom: string,
    name: string,
    dto: ReplaceFirewallAddressDto,
    ifMatch?: string,
  ): Promise<FirewallAddressDto> {
    const body = { ...dto, name, type: dto.type ?? 'ipmask' };
    return this.translator.replace(RESOURCE, memberUrl(adom, name), body, { adom, ifMatch });
  }

  updateFirewallAddress(
    adom: string,
    name: string,
    dto: UpdateFirewallAddressDto,
    ifMatch?: string,
  ): Promise<FirewallAddressDto> {
    return this.translator.update(RESOURCE, memberUrl(adom, name), dto, { adom, ifMatch });
  }

  deleteFirewallAddress(adom: string, name: string, ifMatch?: string): Promise<void> {
    return this.translator.delete(RESOURCE, memberUrl(adom, name), { adom, ifMatch });
  }
}
