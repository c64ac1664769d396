import { describeAppAccess } from './access-suite';

describeAppAccess('postgres');
