import { describeAuditAttribution } from './audit-attribution-suite';

describeAuditAttribution('postgres');
