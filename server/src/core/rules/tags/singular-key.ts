import { singularKeyRule } from '../lists';

export default singularKeyRule('tags');
