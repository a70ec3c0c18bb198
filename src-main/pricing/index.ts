export { PriceBook, LOCAL_PROVIDERS, isLocalUrl } from './price-book.js';
export type { CostInput, CostResult, CostSource, PriceOverride, PricingConfig } from './price-book.js';
