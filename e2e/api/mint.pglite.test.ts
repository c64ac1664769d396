import { describeMintEndpoint } from './mint-suite';

describeMintEndpoint('pglite');
