import { describeRevocationFeed } from './revocations-suite';

describeRevocationFeed('pglite');
