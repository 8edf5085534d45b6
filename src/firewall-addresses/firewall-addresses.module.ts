import { Module } from '@nestjs/common';
import { FirewallAddressesController } from './firewall-addresses.controller';
import { FirewallAddressesService } from './firewall-addresses.service';

@Module({ controllers: [FirewallAddressesController], providers: [FirewallAddressesService] })
export class FirewallAddressesModule {}
