import { describeSignInThrottle } from './sign-in-throttle-suite';

describeSignInThrottle('postgres');
