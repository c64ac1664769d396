import { describeMintEndpoint } from './mint-suite';

describeMintEndpoint('postgres');
