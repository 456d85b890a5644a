/** Building blocks shared by the pages, by concern: loading data, feedback, form fields, file imports, layout. */
export * from './data';
export * from './feedback';
export * from './fields';
export * from './import-form';
export * from './layout';
