import { vocabularyRule } from '../lists';

export default vocabularyRule('tags');
