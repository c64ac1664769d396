import { describeSessions } from './sessions-suite';

describeSessions('postgres');
