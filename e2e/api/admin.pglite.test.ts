import { describeAdminQueries } from './admin-suite';

describeAdminQueries('pglite');
