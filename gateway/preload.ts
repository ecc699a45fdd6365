/**
 * What must happen before any other module loads: decorator metadata for type-graphql and
 * MikroORM, and graphql-js in its production mode (see loadGraphqlInProductionMode).
 */
import 'reflect-metadata';
import { loadGraphqlInProductionMode } from './config';

loadGraphqlInProductionMode();
