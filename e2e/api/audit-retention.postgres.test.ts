import { describeAuditRetention } from './audit-retention-suite';

describeAuditRetention('postgres');
