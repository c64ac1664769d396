import { describeAppAccess } from './access-suite';

describeAppAccess('pglite');
