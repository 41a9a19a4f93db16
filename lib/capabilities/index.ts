/** The one owner of "what does this tenant support" (../shared/api-contract.md §9). */
export * from './types';
