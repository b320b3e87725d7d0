import { singularKeyRule } from '../lists';

export default singularKeyRule('categories');
