import { describeSessions } from './sessions-suite';

describeSessions('pglite');
