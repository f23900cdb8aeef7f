// Names of the built-in functions for SHOW FUNCTIONS: the scalar functions and aggregates the
// function registries know.
import { isAggregateFunction } from '../functions/aggregate/aggregate-registry.ts';
import { scalarFunctionNames } from '../functions/scalar/registry.ts';

const AGGREGATES = ['AVG', 'BOOL_AND', 'BOOL_OR', 'COLLECT', 'COUNT', 'FIRST_VALUE', 'JSON_ARRAYAGG', 'LAST_VALUE', 'LISTAGG', 'MAX', 'MIN',
  'STDDEV', 'STDDEV_POP', 'STDDEV_SAMP', 'SUM', 'VARIANCE', 'VAR_POP', 'VAR_SAMP'];
const TABLE_FUNCTIONS = ['CUMULATE', 'HOP', 'SESSION', 'TUMBLE'];

export function builtinFunctionNames(): string[] {
  return [...new Set([...scalarFunctionNames(), ...AGGREGATES.filter(isAggregateFunction), ...TABLE_FUNCTIONS, 'ROW_NUMBER'])].map((n) => n.toLowerCase()).sort();
}
