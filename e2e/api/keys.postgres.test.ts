import { describeKeyRotation } from './keys-suite';

describeKeyRotation('postgres');
