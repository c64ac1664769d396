import { describeKeyRotation } from './keys-suite';

describeKeyRotation('pglite');
