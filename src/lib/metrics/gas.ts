/** The correlation between goal scales assumed by the GAS T-score formula (Kiresuk and Sherman). */
export const GAS_RHO = 0.3;
