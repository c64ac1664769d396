import { describeRevocationFeed } from './revocations-suite';

describeRevocationFeed('postgres');
