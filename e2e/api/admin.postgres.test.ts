import { describeAdminQueries } from './admin-suite';

describeAdminQueries('postgres');
