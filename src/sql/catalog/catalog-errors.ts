// Errors about the catalog's contents (an object that exists or does not), worded as Flink's
// catalog exceptions so that users recognise them.
import { WeirError } from '../../core/errors.ts';

/** `Table (or view) default_catalog.default_database.t already exists in Catalog default_catalog.` */
export class CatalogError extends WeirError {
  override name = 'CatalogError';
}
