export * from './dto';
export * from './enums';
export * from './examples';
export * from './models';
export * from './resources';
export * from './schemas';
